/**
 * Nested stacks (`AWS::CloudFormation::Stack`): where the child template is.
 *
 * A `TemplateURL` that is a local path (as written before `aws cloudformation
 * package` uploads it) is relative to the parent template's folder. CDK's
 * synthesized nested stacks point at S3 but record the local file beside the
 * parent in `Metadata.aws:asset:path`.
 */
import type { SourceRange } from "../core/range.js";
import { getEntry, getValue, type Value } from "../core/value.js";
import { resolveRelative } from "./read-inside-root.js";

export function nestedStackTemplatePath(
  parentFile: string,
  resource: Value,
): { path?: string; url?: string; range?: SourceRange } {
  const urlEntry = getEntry(getValue(resource, "Properties"), "TemplateURL");
  const url = urlEntry?.value;
  if (url?.kind === "string") {
    const path = resolveRelative(parentFile, url.value);
    return path ? { path, range: url.range } : { url: url.value, range: url.range };
  }
  const asset = getValue(getValue(resource, "Metadata"), "aws:asset:path");
  if (asset?.kind === "string") {
    const path = resolveRelative(parentFile, asset.value);
    if (path) return { path, range: urlEntry?.keyRange ?? asset.range };
  }
  return { url: url === undefined ? undefined : "a URL computed at deploy time", range: urlEntry?.keyRange };
}
