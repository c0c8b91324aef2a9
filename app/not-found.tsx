import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl py-16">
      <h1 className="text-xl font-semibold text-neutral-950">Page not found</h1>
      <p className="mt-2 text-sm text-neutral-700">
        There is no page at this address. If you followed a link to a task, the task may have been reset and given a
        new ID: find it in the task list by its instance ID.
      </p>
      <Link href="/jobs" className={buttonClasses("secondary", "md", "mt-5")}>
        Go to the task list
      </Link>
    </div>
  );
}
