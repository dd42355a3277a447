import type { ReactNode } from "react";
import { requireUser } from "@/lib/auth/guards";

export default async function DeveloperLayout({ children }: { children: ReactNode }) {
  await requireUser("/requests");
  return children;
}
