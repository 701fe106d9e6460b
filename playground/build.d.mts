/** Writes the static playground into `outdir` (default playground/dist); resolves to the folder. */
export function buildPlayground(outdir?: string): Promise<string>;
