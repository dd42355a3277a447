import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md text-center" data-testid="not-found">
      <p className="text-sm font-semibold text-slate-500">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Not found</h1>
      <p className="mt-3 text-slate-600">There is nothing here, or it is not yours to see.</p>
      <Link href="/" className="mt-6 inline-block text-indigo-700 underline">
        Back to the start page
      </Link>
    </div>
  );
}
