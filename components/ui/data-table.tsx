import type { ReactNode } from "react";

/** The dashboard's table: a bordered card, a muted header row, divided body rows. */
export function DataTable({
  columns,
  children,
  testId,
  dense = false,
}: {
  columns: ReactNode[];
  children: ReactNode;
  testId?: string;
  dense?: boolean;
}) {
  const cell = dense ? "px-3 py-2" : "px-4 py-2";
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className={`w-full text-left ${dense ? "text-xs" : "text-sm"}`} data-testid={testId}>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500 uppercase">
          <tr>
            {columns.map((column, index) => (
              <th key={index} className={`${cell} font-medium`}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={`divide-y divide-slate-100 ${dense ? "align-top" : ""}`}>{children}</tbody>
      </table>
    </div>
  );
}
