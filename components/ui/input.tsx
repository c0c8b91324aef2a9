import { forwardRef, type InputHTMLAttributes } from "react";
import { cn } from "./cn";

/** Shared by input, textarea and select. No width: callers set it (one width class, no conflicts). */
export const fieldClasses =
  "block rounded-md border border-neutral-300 bg-white px-2.5 text-sm text-neutral-900 placeholder:text-neutral-500 " +
  "focus-visible:border-blue-600 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-blue-600 " +
  "aria-[invalid=true]:border-rose-700 disabled:bg-neutral-100 disabled:text-neutral-500";

export const Input = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(function Input(
  { className, ...props },
  ref,
) {
  return <input ref={ref} className={cn(fieldClasses, "h-9", className ?? "w-full")} {...props} />;
});
