import type { Metadata } from "next";
import { DataTable } from "@/components/ui/data-table";
import Link from "next/link";
import { requireUser } from "@/lib/auth/guards";
import { listOwnRequests } from "@/lib/requests/queries";
import { StatusBadge } from "@/components/status-badge";
import { TimeAgo } from "@/components/time-ago";
import { primaryButton } from "@/components/ui/field";

export const metadata: Metadata = { title: "My requests" };

export default async function MyRequestsPage() {
  const user = await requireUser("/requests");
  const requests = await listOwnRequests(user.id);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">My requests</h1>
          <p className="text-slate-600">Where each of your redirect-URI requests stands.</p>
        </div>
        <Link href="/requests/new" className={primaryButton}>
          Request a redirect URI
        </Link>
      </div>
      <DataTable
        testId="requests"
        columns={["Client", "URIs", "Status", "Submitted"]}
        empty={
          <>
            You have not requested anything yet.{" "}
            <Link href="/requests/new" className="text-indigo-700 underline">
              Request your first redirect URI
            </Link>
            .
          </>
        }
      >
        {requests.map((r) => (
          <tr key={r.id} data-testid="request-row">
            <td className="px-4 py-3">
              <Link href={`/requests/${r.id}`} className="font-medium text-indigo-700 hover:underline">
                {r.client.name}
              </Link>
            </td>
            <td className="px-4 py-3">{r.uriCount}</td>
            <td className="px-4 py-3">
              <StatusBadge status={r.status} />
            </td>
            <td className="px-4 py-3 text-slate-600">
              <TimeAgo date={r.submittedAt} />
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
