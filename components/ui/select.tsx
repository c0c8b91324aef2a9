import { forwardRef, type SelectHTMLAttributes } from "react";
import { cn } from "./cn";
import { fieldClasses } from "./input";

/** A native select: keyboard, screen reader and mobile behaviour come for free. */
export interface SelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  /** "sm" for compact controls such as rows per page. */
  controlSize?: "sm" | "md";
}

export const Select = forwardRef<HTMLSelectElement, SelectProps>(function Select(
  { className, controlSize = "md", ...props },
  ref,
) {
  return (
    <select
      ref={ref}
      className={cn(fieldClasses, controlSize === "sm" ? "h-7 pr-6 text-xs" : "h-9 pr-8", className)}
      {...props}
    />
  );
});
