/**
 * SIGINT (Ctrl-C) and SIGTERM for the `backprop` command. A command that can stop cleanly claims
 * them: the first signal then aborts its AbortSignal (train ends after the current batch and saves
 * the run) and the command exits 130 / 143 when done; a second signal ends the process at once. A
 * command that has not claimed them (or has nothing to save yet) exits at once on the first.
 */
import type { Writer } from "../model/writer.js";
import { EXIT } from "./exit.js";

export type StopSignal = "SIGINT" | "SIGTERM";
const SIGNALS: readonly StopSignal[] = ["SIGINT", "SIGTERM"];

/** 128 + the signal's number, as shells report a process ended by it. */
export const signalExitCode = (sig: StopSignal): number => (sig === "SIGINT" ? EXIT.interrupted : EXIT.terminated);

export class Interrupts {
  /** The first signal received, if any. */
  received: StopSignal | undefined;
  private readonly controller = new AbortController();
  private claimedBy: string | undefined;
  private readonly handler = (sig: StopSignal): void => this.onSignal(sig);

  constructor(private readonly err: Writer) {}

  /** Starts listening for SIGINT and SIGTERM. */
  install(): this {
    for (const sig of SIGNALS) process.on(sig, this.handler);
    return this;
  }

  /** Stops listening: a later signal takes its default action (the process ends at once). */
  uninstall(): void {
    for (const sig of SIGNALS) process.removeListener(sig, this.handler);
  }

  /** `label` (e.g. "backprop train") will stop by itself once the returned signal aborts. */
  claim(label: string): AbortSignal {
    this.claimedBy = label;
    return this.controller.signal;
  }

  /** The exit code the first signal calls for (130 or 143), if one came. */
  get exitCode(): number | undefined {
    return this.received && signalExitCode(this.received);
  }

  private onSignal(sig: StopSignal): void {
    // nobody to stop cleanly: exit now ('exit' handlers remove staging directories)
    if (this.claimedBy === undefined) process.exit(signalExitCode(sig));
    // from now on a signal takes its default action and ends the process at once, even in the middle
    // of a long computation (a JS handler would wait for it); a signal that arrived before this
    // handler ran is lost with the listener, so a third one may be needed then
    this.uninstall();
    this.received = sig;
    this.err.write(`\n${this.claimedBy}: interrupted by ${sig}; stopping after the current batch and saving the run (${sig === "SIGINT" ? "Ctrl-C" : "a signal"} again quits at once)\n`);
    this.controller.abort();
  }
}
