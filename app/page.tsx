import { redirect } from "next/navigation";
import { overviewHref } from "@/lib/client/hrefs";

/** The console's home: every region of every account at a glance (issue 21). */
export default function HomePage() {
  redirect(overviewHref());
}
