import { requireRole } from "@/lib/auth/guards";

export default async function ReviewQueuePage() {
  await requireRole("reviewer", "/admin");
  return (
    <div>
      <h1 className="text-2xl font-semibold">Review queue</h1>
    </div>
  );
}
