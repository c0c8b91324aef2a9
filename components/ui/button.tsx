import { forwardRef, type ButtonHTMLAttributes } from "react";
import { cn } from "./cn";

export type ButtonVariant = "primary" | "secondary" | "ghost" | "destructive" | "link";
export type ButtonSize = "sm" | "md" | "icon";

// The classes themselves are in app/globals.css (components layer): written once there, not in
// every button's class attribute. Each variant styles `disabled` and `aria-disabled` alike: a button
// that must stay focusable while unavailable (the dialog's submit button during a call) uses
// aria-disabled instead.
const VARIANTS: Record<ButtonVariant, string> = {
  primary: "btn-primary",
  secondary: "btn-secondary",
  ghost: "btn-ghost",
  destructive: "btn-destructive",
  // A link has no size of its own: it sits in its line of text.
  link: "btn-link",
};

const SIZES: Record<ButtonSize, string> = {
  sm: "btn-sm",
  md: "btn-md",
  icon: "btn-icon",
};

/** Shared with links styled as buttons, so both look and focus the same. */
export function buttonClasses(variant: ButtonVariant = "primary", size: ButtonSize = "md", extra?: string): string {
  return cn("btn", VARIANTS[variant], variant === "link" ? null : SIZES[size], extra);
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
