"use client";

import Link from "next/link";

/** Anything unexpected: say so plainly, offer a retry, and keep the error's id for the log. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-md text-center" role="alert">
      <p className="text-sm font-semibold text-red-700">Something went wrong</p>
      <h1 className="mt-2 text-2xl font-semibold">This page could not be shown</h1>
      <p className="mt-3 text-slate-600">
        Nothing you entered was lost on our side. Try again, or go back to the start page.
      </p>
      {error.digest && <p className="mt-2 font-mono text-xs text-slate-400">Reference {error.digest}</p>}
      <div className="mt-6 flex justify-center gap-3">
        <button
          type="button"
          onClick={reset}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700"
        >
          Try again
        </button>
        <Link href="/" className="rounded-md border border-slate-300 px-4 py-2 text-sm">
          Start page
        </Link>
      </div>
    </div>
  );
}
