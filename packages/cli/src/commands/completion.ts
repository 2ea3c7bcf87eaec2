import { GLOBAL_OPTIONS } from "../args.js";
import type { CommandNode, CommandTreeNode, GroupNode } from "../command.js";
import { UsageError } from "../exit-codes.js";

/**
 * Shell scripts that ask `batt __complete <words…>` for candidates, so completion always follows
 * the installed plugins and commands; an empty answer falls back to file names.
 */
const SCRIPTS: Readonly<Record<string, string>> = {
  bash: `# batt completion for bash: eval "$(batt completion bash)" (e.g. in ~/.bashrc)
_batt() {
  local IFS=$'\\n'
  COMPREPLY=($(batt __complete -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
  if [ \${#COMPREPLY[@]} -eq 0 ]; then compopt -o default 2>/dev/null; fi
  return 0
}
complete -F _batt batt`,
  zsh: `#compdef batt
# batt completion for zsh: batt completion zsh > "\${fpath[1]}/_batt", or eval "$(batt completion zsh)"
_batt() {
  local -a candidates
  candidates=("\${(@f)$(batt __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  if (( \${#candidates} )) && [[ -n "\${candidates[1]}" ]]; then compadd -- "\${candidates[@]}"; else _files; fi
}
if (( $+functions[compdef] )); then compdef _batt batt; fi`,
  fish: `# batt completion for fish: batt completion fish > ~/.config/fish/completions/batt.fish
complete -c batt -a '(batt __complete -- (commandline -opc)[2..-1] (commandline -ct) 2>/dev/null)'`,
};

/** `batt completion bash|zsh|fish`: prints the shell's completion script. */
export const completionCommand: CommandNode = {
  kind: "command",
  name: "completion",
  summary: "print a shell completion script (bash, zsh or fish)",
  description: 'Prints a completion script for your shell. bash: eval "$(batt completion bash)" in ~/.bashrc; zsh: the same in ~/.zshrc; fish: batt completion fish > ~/.config/fish/completions/batt.fish.',
  usage: "bash|zsh|fish",
  positionals: { min: 1, max: 1 },
  options: [],
  examples: ['eval "$(batt completion bash)"', "batt completion fish > ~/.config/fish/completions/batt.fish"],
  async run({ positionals, out }) {
    const script = SCRIPTS[positionals[0]!];
    if (script === undefined) throw new UsageError(`no completion for "${positionals[0]}": expected bash, zsh or fish`);
    out.print(script);
  },
};

/**
 * The words that may come next: `words` are the command line after `batt`, the last one being the
 * word under the cursor (possibly empty).
 */
export function completeWords(root: GroupNode, words: readonly string[]): string[] {
  let node: CommandTreeNode = root;
  const current = words[words.length - 1] ?? "";
  for (const word of words.slice(0, -1)) {
    if (node.kind !== "group" || word.startsWith("-")) continue;
    const child: CommandTreeNode | undefined = node.children.find((c) => c.name === word && !c.hidden);
    if (child) node = child;
  }
  const candidates = current.startsWith("-")
    ? [...(node.kind === "command" ? node.options : []), ...GLOBAL_OPTIONS].map((o) => `--${o.name}`)
    : node.kind === "group"
      ? [...node.children.filter((c) => !c.hidden).map((c) => c.name), ...(node === root ? ["help"] : [])]
      : [];
  return [...new Set(candidates)].filter((c) => c.startsWith(current));
}

/** `batt __complete <words…>`: what the completion scripts call (hidden from help). */
export function completeCommand(tree: () => GroupNode): CommandNode {
  return {
    kind: "command",
    name: "__complete",
    summary: "candidates for shell completion",
    hidden: true,
    positionals: { min: 0, max: Number.MAX_SAFE_INTEGER },
    options: [],
    async run({ positionals, out }) {
      const found = completeWords(tree(), positionals.length > 0 ? positionals : [""]);
      if (found.length > 0) out.print(found.join("\n"));
    },
  };
}
