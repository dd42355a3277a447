// The review queue's drift views: approved CIMD clients whose document changed and waits for a
// reviewer, or whose document cannot be read. Each row opens the client's page.
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { TimeAgo } from "@/components/time-ago";
import { listDriftQueue } from "@/lib/cimd-drift/queries";
import type { DriftFilter } from "@/lib/cimd-drift/schema";

export async function DriftQueue({ filter }: { filter: DriftFilter }) {
  const rows = await listDriftQueue(filter);
  return (
    <DataTable
      testId="drift-queue"
      columns={[
        "client_id",
        filter === "changed" ? "Change" : "Last error",
        filter === "changed" ? "Seen" : "Unreachable since",
      ]}
      empty={
        filter === "changed"
          ? "No approved CIMD client has a document change waiting."
          : "Every approved CIMD client's document could be read at its last check."
      }
    >
      {rows.map((row) => (
        <tr key={row.id} data-testid="drift-row">
          <td className="px-4 py-3 font-mono wrap-anywhere">
            <Link href={`/admin/cimd-clients/${row.id}`} className="text-indigo-700 hover:underline">
              {row.clientIdUrl}
            </Link>
          </td>
          <td className="px-4 py-3 text-slate-700">{row.detail}</td>
          <td className="px-4 py-3 whitespace-nowrap text-slate-600">
            <TimeAgo date={row.since} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
