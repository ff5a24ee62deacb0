import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col justify-center gap-3 p-6">
      <h1 className="text-xl font-semibold">Your role cannot open this page</h1>
      <p className="muted text-sm">Ask an admin of the console for a role that can, or go back to the overview.</p>
      <p className="text-sm">
        <Link href="/" className="text-[var(--accent)] underline">
          Overview
        </Link>
      </p>
    </main>
  );
}
