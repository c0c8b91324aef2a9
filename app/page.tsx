import { redirect } from "next/navigation";

/** The console has one home: the task list. */
export default function HomePage() {
  redirect("/jobs");
}
