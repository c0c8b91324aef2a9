"use client";
import Link from "next/link";
import { useEffect } from "react";
import { Button, buttonClasses } from "@/components/ui/button";

/** Catches rendering errors below the layout, so the header and the mode banner stay visible. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <div role="alert" className="mx-auto max-w-xl py-16">
      <h1 className="text-xl font-semibold text-neutral-950">Something went wrong on this page</h1>
      <p className="mt-2 text-sm text-neutral-700">
        The page failed to render. No reset was sent by this error. Try again, or go back to the task list.
      </p>
      {error.digest ? (
        <p className="mt-2 font-mono text-xs text-neutral-700">Error reference: {error.digest}</p>
      ) : null}
      <div className="mt-5 flex gap-2">
        <Button onClick={reset}>Try again</Button>
        <Link href="/jobs" className={buttonClasses("secondary")}>
          Go to the task list
        </Link>
      </div>
    </div>
  );
}
