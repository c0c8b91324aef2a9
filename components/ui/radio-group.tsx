import type { ReactNode } from "react";
import { cn } from "./cn";

export interface RadioOption<V extends string> {
  value: V;
  label: ReactNode;
  description?: ReactNode;
  disabled?: boolean;
}

interface RadioGroupProps<V extends string> {
  /** The fieldset's legend, which is also the group's accessible name. */
  legend: string;
  name: string;
  value: V;
  options: RadioOption<V>[];
  onChange: (value: V) => void;
  className?: string;
}

/**
 * Native radios in a fieldset: arrow keys move between options and screen readers announce the
 * group by its legend, with no ARIA to get wrong.
 */
export function RadioGroup<V extends string>({ legend, name, value, options, onChange, className }: RadioGroupProps<V>) {
  return (
    <fieldset className={cn("space-y-2", className)}>
      <legend className="mb-1.5 text-sm font-semibold text-neutral-900">{legend}</legend>
      {options.map((option) => {
        const id = `${name}-${option.value}`;
        return (
          <div
            key={option.value}
            className={cn(
              "flex gap-2.5 rounded-md border p-2.5",
              option.value === value ? "border-neutral-900 bg-neutral-50" : "border-neutral-200",
              option.disabled && "opacity-70",
            )}
          >
            <input
              id={id}
              type="radio"
              name={name}
              value={option.value}
              checked={option.value === value}
              disabled={option.disabled}
              onChange={() => onChange(option.value)}
              aria-describedby={option.description ? `${id}-description` : undefined}
              className="mt-0.5 size-4 shrink-0 accent-neutral-900 focus-ring"
            />
            <div className="min-w-0 text-sm">
              <label htmlFor={id} className="font-medium text-neutral-900">
                {option.label}
              </label>
              {option.description ? (
                <div id={`${id}-description`} className="mt-0.5 text-neutral-700">
                  {option.description}
                </div>
              ) : null}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}
