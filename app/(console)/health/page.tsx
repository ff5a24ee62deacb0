import type { Metadata } from "next";
import { HealthClient } from "@/app/(console)/health/client";

export const metadata: Metadata = { title: "Health" };

export default function HealthPage() {
  return <HealthClient />;
}
