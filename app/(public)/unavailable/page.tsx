import type { Metadata } from "next";
import Link from "next/link";
import { UNAVAILABLE_MESSAGE } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Temporarily unavailable" };

/** Where signed-in pages send people while the database is unreachable (lib/auth/guards.ts). */
export default function UnavailablePage() {
  return (
    <div className="mx-auto max-w-md text-center" role="alert" data-testid="service-unavailable">
      <p className="text-sm font-semibold text-amber-700">Temporarily unavailable</p>
      <h1 className="mt-2 text-2xl font-semibold">The portal is having trouble</h1>
      <p className="mt-3 text-slate-600">{UNAVAILABLE_MESSAGE}</p>
      <div className="mt-6 flex justify-center">
        <Link href="/requests" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white">
          Try again
        </Link>
      </div>
    </div>
  );
}
