/**
 * `.gitignore`-style globs for `exclude`: `*` and `?` stay within one path
 * segment, `**` crosses segments, `{a,b}` alternates. A pattern without `/`
 * matches a name at any depth; a pattern matching a folder excludes everything
 * in it. Paths are relative to the root with `/` separators.
 */
export type PathMatcher = (relativePath: string) => boolean;

export function globMatcher(patterns: readonly string[]): PathMatcher {
  const regexes = patterns.map(globToRegExp);
  return (relativePath) => {
    const segments = relativePath.split("/");
    // A path is excluded when it or one of its parent folders matches.
    for (let i = 1; i <= segments.length; i++) {
      const prefix = segments.slice(0, i).join("/");
      if (regexes.some((regex) => regex.test(prefix))) return true;
    }
    return false;
  };
}

export function globToRegExp(pattern: string): RegExp {
  let glob = pattern.replace(/^\.\//, "").replace(/\/+$/, "");
  const anchored = glob.includes("/");
  if (glob.startsWith("/")) glob = glob.slice(1);
  let source = "";
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*" && glob[i + 1] === "*") {
      const slashAfter = glob[i + 2] === "/";
      source += slashAfter ? "(?:.*/)?" : ".*";
      i += slashAfter ? 2 : 1;
    } else if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else if (c === "{") {
      braces++;
      source += "(?:";
    } else if (c === "}" && braces > 0) {
      braces--;
      source += ")";
    } else if (c === "," && braces > 0) source += "|";
    else source += c.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${anchored ? "" : "(?:.*/)?"}${source}$`);
}
