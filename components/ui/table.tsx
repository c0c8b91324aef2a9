import { useTranslations } from "next-intl";
import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";

export function Table({ className, frameClassName, ...props }: HTMLAttributes<HTMLTableElement> & { frameClassName?: string }) {
  return (
    // `relative`: the frame is the containing block of what is positioned inside (an sr-only
    // heading in a column scrolled out of view), which would otherwise widen the whole page on a phone.
    <div className={cn("relative w-full overflow-x-auto rounded-lg border border-neutral-200 bg-white", frameClassName)}>
      <table className={cn("w-full border-collapse text-left text-sm", className)} {...props} />
    </div>
  );
}

export function TableCaption({ className, ...props }: HTMLAttributes<HTMLTableCaptionElement>) {
  return (
    <caption
      className={cn("border-b border-neutral-200 px-3 py-2 text-left text-sm text-neutral-700", className)}
      {...props}
    />
  );
}

export function TableHeader({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className={cn("bg-neutral-50 text-xs text-neutral-700", className)} {...props} />;
}

export function TableBody({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className={cn("divide-y divide-neutral-200", className)} {...props} />;
}

export function TableRow({ className, ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn("align-top hover:bg-neutral-50/60", className)} {...props} />;
}

export function TableHead({ className, scope = "col", ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope={scope}
      className={cn("border-b border-neutral-200 px-2.5 py-2 font-semibold whitespace-nowrap", className)}
      {...props}
    />
  );
}

export function TableCell({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("px-2.5 py-2.5", className)} {...props} />;
}

/** The header row of a table of plain column names; an actions column is named for screen readers only. */
export function TableColumns({ names, actions = false }: { names: readonly string[]; actions?: boolean }) {
  const t = useTranslations("Console");
  return (
    <TableHeader>
      <TableRow>
        {names.map((name) => (
          <TableHead key={name}>{name}</TableHead>
        ))}
        {actions ? (
          <TableHead>
            <span className="sr-only">{t("actions")}</span>
          </TableHead>
        ) : null}
      </TableRow>
    </TableHeader>
  );
}
