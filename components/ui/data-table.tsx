import { Children, type ReactNode } from "react";

/** The dashboard's table: a bordered card, a muted header row, divided body rows. With no rows it
 *  shows `empty` (what is missing and what to do about it) instead of a bare header. */
export function DataTable({
  columns,
  children,
  testId,
  empty,
  dense = false,
}: {
  columns: ReactNode[];
  children: ReactNode;
  testId?: string;
  empty: ReactNode;
  dense?: boolean;
}) {
  const cell = dense ? "px-3 py-2" : "px-4 py-2";
  if (Children.count(children) === 0)
    return (
      <div
        className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600"
        data-testid={testId ? `${testId}-empty` : undefined}
      >
        {empty}
      </div>
    );
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
