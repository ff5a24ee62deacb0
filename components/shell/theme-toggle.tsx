"use client";

export function ThemeToggle() {
  function toggle() {
    const dark = document.documentElement.classList.toggle("dark");
    document.cookie = `theme=${dark ? "dark" : "light"}; path=/; max-age=31536000; samesite=lax`;
  }
  return (
    <button type="button" onClick={toggle} className="rounded px-2 py-1 text-sm hover:bg-[var(--panel-2)]" aria-label="Toggle light or dark theme">
      ◐
    </button>
  );
}
