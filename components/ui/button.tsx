import { forwardRef, type ButtonHTMLAttributes } from "react";
import { cn } from "./cn";

export type ButtonVariant = "primary" | "secondary" | "ghost" | "destructive" | "link";
export type ButtonSize = "sm" | "md" | "icon";

// Each variant styles `disabled` and `aria-disabled` alike: a button that must stay focusable
// while unavailable (the dialog's submit button during a call) uses aria-disabled instead.
const VARIANTS: Record<ButtonVariant, string> = {
  primary:
    "bg-neutral-900 text-white hover:bg-neutral-700 disabled:bg-neutral-300 disabled:text-neutral-600 aria-disabled:bg-neutral-300 aria-disabled:text-neutral-600",
  secondary:
    "border border-neutral-300 bg-white text-neutral-900 hover:bg-neutral-100 disabled:bg-neutral-50 disabled:text-neutral-500 aria-disabled:bg-neutral-50 aria-disabled:text-neutral-500",
  ghost: "text-neutral-700 hover:bg-neutral-100 hover:text-neutral-900 disabled:text-neutral-400",
  // Red is reserved for actions that destroy something.
  destructive:
    "bg-red-700 text-white hover:bg-red-800 disabled:bg-red-200 disabled:text-red-900 aria-disabled:bg-red-200 aria-disabled:text-red-900",
  link: "text-blue-700 underline underline-offset-2 hover:text-blue-900 disabled:text-neutral-500",
};

const SIZES: Record<ButtonSize, string> = {
  sm: "h-7 px-2.5 text-xs gap-1.5",
  md: "h-9 px-3.5 text-sm gap-2",
  icon: "h-7 w-7 justify-center",
};

/** Shared with links styled as buttons, so both look and focus the same. */
export function buttonClasses(variant: ButtonVariant = "primary", size: ButtonSize = "md", extra?: string): string {
  return cn(
    "inline-flex shrink-0 items-center rounded-md font-medium whitespace-nowrap transition-colors",
    "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600",
    "disabled:cursor-not-allowed aria-disabled:cursor-not-allowed",
    VARIANTS[variant],
    variant === "link" ? "h-auto px-0" : SIZES[size],
    extra,
  );
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = "primary", size = "md", className, type = "button", ...props },
  ref,
) {
  return <button ref={ref} type={type} className={buttonClasses(variant, size, className)} {...props} />;
});
