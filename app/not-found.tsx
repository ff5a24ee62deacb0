import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col justify-center gap-3 p-6">
      <h1 className="text-xl font-semibold">Nothing here</h1>
      <p className="muted text-sm">This address is not a page of the on-call console. Check the link, or start from the overview.</p>
      <p className="flex gap-3 text-sm">
        <Link href="/" className="text-[var(--accent)] underline">
          Overview
        </Link>
        <Link href="/runbook" className="text-[var(--accent)] underline">
          Runbook
        </Link>
      </p>
    </main>
  );
}
