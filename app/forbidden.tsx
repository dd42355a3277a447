import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="mx-auto max-w-md text-center" data-testid="forbidden">
      <p className="text-sm font-semibold text-red-700">403</p>
      <h1 className="mt-2 text-2xl font-semibold">You do not have access to this page</h1>
      <p className="mt-3 text-slate-600">
        It is for portal staff. If you should have access, ask an admin to give your account the reviewer role.
      </p>
      <Link href="/" className="mt-6 inline-block text-indigo-700 underline">
        Back to the start page
      </Link>
    </div>
  );
}
