/**
 * How many positional arguments a synopsis allows: `<x>` and bare words (`on|off`) are required,
 * `[x]` optional, a trailing `…` or `...` repeats; ` | ` between whole forms takes the widest
 * range of them. No synopsis: no arguments.
 *
 * @example usageArity("<name> <value>") // { min: 2, max: 2 }
 */
export function usageArity(usage: string | undefined): { min: number; max: number } {
  if (usage === undefined || usage.trim() === "") return { min: 0, max: 0 };
  const forms = usage.split(/\s+\|\s+/).map((form) => {
    let min = 0;
    let max = 0;
    for (const token of form.trim().split(/\s+/)) {
      const repeats = /(…|\.\.\.)[\]>]?$/.test(token);
      const optional = token.startsWith("[");
      if (!optional) min++;
      max = repeats ? Number.MAX_SAFE_INTEGER : max + 1;
      if (repeats) break;
    }
    return { min, max };
  });
  return { min: Math.min(...forms.map((f) => f.min)), max: Math.max(...forms.map((f) => f.max)) };
}
