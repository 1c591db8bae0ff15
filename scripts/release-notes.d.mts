/** The body of `version`'s section in a Keep-a-Changelog text, or undefined. */
export function releaseNotes(changelog: string, version: string): string | undefined;
