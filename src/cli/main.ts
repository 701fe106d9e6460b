/**
 * The `backprop` command: argument parsing (commander) and dispatch. Commands only parse and print;
 * the library does the work. `run(argv, io)` returns the exit code (see exit.ts), so tests can call
 * it in-process; `main()` is what bin/backprop.js runs.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { readFileSync } from "node:fs";
import * as bp from "../index.js";
import { didYouMean } from "../suggest.js";
import { MAX_CLASSES } from "./datasets.js";
import { evaluate, type EvaluateOptions } from "./evaluate.js";
import { exportModel } from "./export.js";
import { describeError, EXIT, plainMessage, UsageError } from "./exit.js";
import { Interrupts } from "./interrupt.js";
import { processIO, type CliIO } from "./io.js";
import { predict, type PredictOptions } from "./predict.js";
import { summary } from "./summary.js";
import { train, type TrainOptions } from "./train.js";

const positiveInt = (name: string) => (v: string): number => {
  const n = Number(v);
  if (!/^\s*\d+\s*$/.test(v) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer, got ${v}`);
  return n;
};
const classCount = (v: string): number => {
  const n = positiveInt("--classes")(v);
  if (n > MAX_CLASSES) throw new InvalidArgumentError(`--classes ${n} is too many: the limit is ${MAX_CLASSES.toLocaleString("en-US")}`);
  return n;
};
const nonNegativeInt = (name: string) => (v: string): number => {
  const n = Number(v);
  if (!/^\s*\d+\s*$/.test(v) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`${name} must be a non-negative integer, got ${v}`);
  return n;
};
const positiveNumber = (name: string) => (v: string): number => {
  const n = Number(v);
  if (v.trim() === "" || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive number, got ${v}`);
  return n;
};
const fraction = (name: string) => (v: string): number => {
  const n = Number(v);
  if (v.trim() === "" || !Number.isFinite(n) || n < 0 || n >= 1) throw new InvalidArgumentError(`${name} must be a number in [0, 1), got ${v}`);
  return n;
};
const shape = (v: string): number[] => {
  const dims = v.replace(/^\s*\[|\]\s*$/g, "").split(/[,x×]/).map(Number);
  if (dims.length === 0 || dims.some((d) => !Number.isInteger(d) || d < 1)) throw new InvalidArgumentError(`--input-shape must be positive integers like 28,28,1, got ${v}`);
  return dims;
};

const EPILOG = `
Environment: BACKPROP_BACKEND (js or wasm) and BACKPROP_THREADS (wasm worker threads) set --backend and --threads.
Exit codes: 0 done, 1 training or evaluation failed, 2 bad command line, 3 bad or missing input file, 70 internal error,
130 / 143 stopped by SIGINT (Ctrl-C) / SIGTERM (train saves the run trained so far; a second signal quits at once).
Set BACKPROP_DEBUG=1 to see stack traces.`;

const TRAIN_EXAMPLES = `
Examples:
  backprop train --out runs/digits                       (a CNN on the embedded MNIST digits)
  backprop train --dataset fashion-mnist --out runs/fashion
  backprop train --dataset csv:examples/data/iris.csv --label species --out runs/iris
  backprop train --dataset csv:examples/data/iris-measurements.csv --label petal_width   (numbers: regression)
  backprop train --dataset mnist --model layers.json       (layers.json: the file below)

A layers file (--model FILE.json) is a JSON list of layers, or an object with "layers" and optional
"epochs", "batchSize" and "learningRate"; the input shape comes from the data:
  { "layers": [
      { "type": "conv2d", "filters": 8, "kernelSize": 3, "activation": "relu" },
      { "type": "maxPooling2d", "poolSize": 2 },
      { "type": "flatten" },
      { "type": "dense", "units": 10, "activation": "softmax" } ],
    "epochs": 3 }`;

/** Applies --backend / --threads, or BACKPROP_BACKEND / BACKPROP_THREADS when the flags are absent. */
function configureCompute(o: { backend?: string; threads?: number }): void {
  const backend = o.backend ?? (process.env["BACKPROP_BACKEND"] || undefined);
  const from = o.backend ? "--backend" : "BACKPROP_BACKEND";
  if (backend) {
    const known = ["js", "wasm"];
    if (!known.includes(backend)) throw new UsageError(`${from} "${backend}" is not a backend${didYouMean(backend, known)}; expected js or wasm`);
    try {
      bp.setBackend(backend);
    } catch (e) {
      throw new UsageError(`${from} ${backend}: ${plainMessage((e as Error).message)}`);
    }
  }
  let threads = o.threads;
  const env = process.env["BACKPROP_THREADS"];
  if (threads === undefined && env) {
    threads = Number(env);
    if (!/^\s*\d+\s*$/.test(env) || threads < 1 || threads > 64) throw new UsageError(`BACKPROP_THREADS must be an integer from 1 to 64, got ${env}`);
  }
  if (threads !== undefined) {
    if (threads > 64) throw new UsageError(`--threads must be at most 64, got ${threads}`);
    bp.setThreads(threads);
  }
}

function datasetOptions(cmd: Command, defaultDataset?: string): Command {
  return cmd
    .option("--dataset <name>", "mnist (embedded digits), fashion-mnist, idx:DIR or csv:FILE", defaultDataset)
    .option("--data-dir <dir>", "where the fashion-mnist IDX files are (default /usr/share/datasets/fashion-mnist)")
    .option("--label <column>", 'label column of a csv:FILE data set (default: the one named "label", else the last)')
    .option("--limit <n>", "use at most n training and n test samples (quick runs)", positiveInt("--limit"))
    .option("--seed <n>", "seed of everything random (splits, initial weights, shuffling; default 1, evaluate: the run's)", nonNegativeInt("--seed"));
}

/** The package's version, from its package.json (two levels up from src/cli and from dist/cli). */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string };
  return pkg.version ?? "unknown";
}

function program(io: CliIO, setCode: (c: number) => void, interrupts: Interrupts | undefined): Command {
  const prog = new Command("backprop")
    .description("Train, evaluate and use neural networks on the command line (backprop deep-learning library).")
    .version(packageVersion(), "-v, --version", "print the version of backprop")
    .option("--backend <name>", "compute backend: js (reference) or wasm (default where available)")
    .option("--threads <n>", "threads of the wasm backend (default: the core count)", positiveInt("--threads"))
    .addHelpText("after", EPILOG)
    .configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s), outputError: () => undefined })
    .exitOverride()
    .hook("preAction", (cmd) => configureCompute(cmd.opts<{ backend?: string; threads?: number }>()));

  datasetOptions(
    prog.command("train").description("train a model, print its test scores, save it with report.html"),
    "mnist",
  )
    .option("--model <name>", "cnn, mlp, or FILE.json (a list of layers, see below) (default: cnn for images, mlp for tables)")
    .addOption(new Option("--task <kind>", "what the labels ask for (default: regression when a csv label column holds non-integer numbers)").choices(["classification", "regression"]))
    .option("--epochs <n>", "passes over the training data (default: cnn 6 on mnist, 12 elsewhere; mlp 10, on tables at least 500 steps)", positiveInt("--epochs"))
    .option("--batch-size <n>", "samples per step (default 64)", positiveInt("--batch-size"))
    .option("--optimizer <name>", bp.optimizers.optimizerNames.join(", "), "adam")
    .option("--lr <rate>", "initial learning rate (default: cnn 0.01 on mnist, 0.003 elsewhere; mlp 0.001)", positiveNumber("--lr"))
    .addOption(new Option("--schedule <kind>", "learning-rate schedule").choices(["cosine", "constant"]).default("cosine"))
    .option("--validation-split <f>", "share of the training samples held out to draw validation curves", fraction("--validation-split"), 0.1)
    .option("--out <dir>", "new directory for the model and report (default ./runs/<timestamp>)")
    .option("--json", "print the results as JSON on stdout", false)
    .option("--config <file>", "replay a run exported by the playground (run.json); other options are ignored except --out and --json")
    .addHelpText("after", EPILOG)
    .addHelpText("after", TRAIN_EXAMPLES)
    .action(async (o: TrainOptions & { config?: string }) => {
      if (o.config) {
        await (await import("./train-config.js")).trainConfig({ config: o.config, out: o.out, json: o.json }, io);
        setCode(EXIT.ok);
      } else setCode(await train(o, io, interrupts));
    });

  datasetOptions(prog.command("evaluate").description("score a saved model on a data set's test samples"))
    .requiredOption("--model <dir>", "a run directory from `backprop train` (or a model directory)")
    .option("--json", "print the results as JSON on stdout", false)
    .addHelpText("after", EPILOG)
    .addHelpText("after", "\nExample:\n  backprop evaluate --model runs/iris   (a csv run: the data file, label column and split come from its run.json)")
    .action(async (o: EvaluateOptions) => {
      await evaluate(o, io);
      setCode(EXIT.ok);
    });

  prog.command("predict").description("class probabilities (or values) for PNG pictures or the rows of CSV files")
    .requiredOption("--model <dir>", "a run directory from `backprop train` (or a model directory)")
    .requiredOption("--input <files...>", ".png pictures (any size, colour or grey), .csv files with one sample per row, or folders of them")
    .option("--json", "print the results as JSON on stdout", false)
    .addHelpText("after", EPILOG)
    .addHelpText("after", "\nExamples:\n  backprop predict --model runs/digits --input seven.png   (a picture of yours)\n  backprop predict --model runs/digits --input a.png b.png pictures/ --json   (one JSON record per file)\n  backprop predict --model runs/iris --input flowers.csv")
    .action(async (o: PredictOptions) => {
      await predict(o, io);
      setCode(EXIT.ok);
    });

  prog.command("summary").description("the layers and parameter counts of a model")
    .requiredOption("--model <model>", "a saved model directory, cnn, mlp, or FILE.json")
    .option("--input-shape <dims>", "input shape for cnn / mlp / FILE.json, e.g. 28,28,1 or [28,28,1] (default: 28,28,1)", shape)
    .option("--classes <n>", "output classes for cnn / mlp", classCount, 10)
    .option("--json", "print the summary as JSON on stdout", false)
    .addHelpText("after", EPILOG)
    .addHelpText("after", "\nExamples:\n  backprop summary --model cnn\n  backprop summary --model mlp --input-shape 4 --classes 3\n  backprop summary --model runs/digits")
    .action(async (o: { model: string; inputShape?: number[]; classes: number; json: boolean }) => {
      await summary({ ...o, inputShape: o.inputShape ?? [28, 28, 1] }, io);
      setCode(EXIT.ok);
    });
  prog.command("playground").description("serve the playground (watch networks learn) on 127.0.0.1 and print its URL")
    .option("--port <n>", "port (default: any free port)", nonNegativeInt("--port"), 0)
    .action(async (o: { port: number }) => {
      await (await import("./playground.js")).playground(o, io);
      setCode(EXIT.ok);
    });
  prog.command("export").description("write a saved model as safetensors, TensorFlow.js or another format")
    .requiredOption("--model <path>", "a run directory from `backprop train`, or a model in any format loadModel reads")
    .addOption(new Option("--format <name>", "the format to write").choices([...bp.MODEL_FORMATS]).makeOptionMandatory())
    .requiredOption("--out <path>", "where to write (a directory for backprop and tfjs, a file otherwise)")
    .option("--torch-names", "safetensors: PyTorch names and layouts, plus a .py file with the nn.Sequential", false)
    .option("--json", "print the result as JSON on stdout", false)
    .addHelpText("after", EPILOG)
    .action(async (o: { model: string; format: string; out: string; torchNames: boolean; json: boolean }) => {
      await exportModel(o, io);
      setCode(EXIT.ok);
    });
  return prog;
}

/** commander's "error: unknown option '--epoch'\n(Did you mean --epochs?)" as one line. */
function commanderMessage(message: string): string {
  const lines = message.replace(/^error: /, "").split("\n").filter((l) => l.trim() !== "");
  const hint = lines.find((l) => /^\(Did you mean/.test(l));
  return `${lines[0] ?? ""}${hint ? ` ${hint.replace("(Did", "(did")}` : ""}`;
}

/**
 * Runs the command line `argv` (without "node backprop"); returns the exit code. `interrupts` (the
 * process's signal handling, see interrupt.ts) lets train stop cleanly on SIGINT / SIGTERM.
 */
export async function run(argv: readonly string[], io: CliIO = processIO(), interrupts?: Interrupts): Promise<number> {
  let code: number = EXIT.usage;
  const prog = program(io, (c) => (code = c), interrupts);
  const command = argv.find((a) => !a.startsWith("-")) ?? "";
  const label = ["train", "evaluate", "predict", "summary", "export", "playground"].includes(command) ? `backprop ${command}` : "backprop";
  if (argv.length === 0) {
    io.err.write(prog.helpInformation());
    return EXIT.usage;
  }
  try {
    await prog.parseAsync([...argv], { from: "user" });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return EXIT.ok;
      io.err.write(`${label}: ${commanderMessage(e.message)} (see ${label} --help)\n`);
      return EXIT.usage;
    }
    const { code: c, message } = describeError(e);
    io.err.write(`${label}: ${message}\n`);
    return c;
  }
}

/** Entry point of bin/backprop.js. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const io = processIO();
  // a reader that stops early (`backprop --help | head`) is not an error of ours
  process.stdout.on("error", (e: NodeJS.ErrnoException) => process.exit(e.code === "EPIPE" ? EXIT.ok : EXIT.internal));
  const code = await run(argv, io, new Interrupts(io.err).install());
  await new Promise<void>((resolve) => process.stdout.write("", () => resolve()));
  process.exit(code);
}
