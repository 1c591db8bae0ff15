/**
 * The stacks a CDK cloud assembly names (`cdk.out/manifest.json`): each
 * `aws:cloudformation:stack` artifact's stack name (`properties.stackName`,
 * else the artifact id), template file and environment. `Fn::GetStackOutput`
 * names a stack by its deployed name; the manifest is what ties that name to
 * a template in the scan.
 */
import { posix } from "node:path";

export interface ManifestStack {
  /** The deployed stack name. */
  name: string;
  /** Root-relative path of the stack's template. */
  file: string;
  /** From `environment` (`aws://ACCOUNT/REGION`); absent when `unknown-account` / `unknown-region`. */
  account?: string;
  region?: string;
}

/** The stacks of a manifest; none when the text is not a cloud assembly manifest. */
export function manifestStacks(manifestPath: string, text: string): ManifestStack[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const artifacts = (parsed as { artifacts?: unknown } | null)?.artifacts;
  if (artifacts === null || typeof artifacts !== "object") return [];
  const dir = posix.dirname(manifestPath);
  const stacks: ManifestStack[] = [];
  for (const [id, artifact] of Object.entries(artifacts as Record<string, unknown>)) {
    const a = artifact as { type?: unknown; environment?: unknown; properties?: Record<string, unknown> } | null;
    if (a?.type !== "aws:cloudformation:stack") continue;
    const templateFile = a.properties?.templateFile;
    if (typeof templateFile !== "string") continue;
    const stackName = a.properties?.stackName;
    const stack: ManifestStack = {
      name: typeof stackName === "string" ? stackName : id,
      file: posix.normalize(dir === "." ? templateFile : `${dir}/${templateFile}`),
    };
    const env = typeof a.environment === "string" ? /^aws:\/\/([^/]*)\/(.*)$/.exec(a.environment) : null;
    if (env?.[1] && env[1] !== "unknown-account") stack.account = env[1];
    if (env?.[2] && env[2] !== "unknown-region") stack.region = env[2];
    stacks.push(stack);
  }
  return stacks;
}
