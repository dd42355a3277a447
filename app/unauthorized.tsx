import Link from "next/link";

export default function Unauthorized() {
  return (
    <div className="mx-auto max-w-md text-center">
      <p className="text-sm font-semibold text-slate-500">401</p>
      <h1 className="mt-2 text-2xl font-semibold">Please sign in</h1>
      <Link href="/signin" className="mt-6 inline-block text-indigo-700 underline">
        Sign in
      </Link>
    </div>
  );
}
