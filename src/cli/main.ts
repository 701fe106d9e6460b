/**
 * The `backprop` command: argument parsing (commander) and dispatch. Commands only parse and print;
 * the library does the work. `run(argv, io)` returns the exit code (see exit.ts), so tests can call
 * it in-process; `main()` is what bin/backprop.js runs.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import * as bp from "../index.js";
import { MAX_CLASSES } from "./datasets.js";
import { evaluate } from "./evaluate.js";
import { exportModel } from "./export.js";
import { describeError, EXIT, UsageError } from "./exit.js";
import { Interrupts } from "./interrupt.js";
import { processIO, type CliIO } from "./io.js";
import { predict } from "./predict.js";
import { summary } from "./summary.js";
import { train } from "./train.js";

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
  const dims = v.split(/[,x×]/).map(Number);
  if (dims.length === 0 || dims.some((d) => !Number.isInteger(d) || d < 1)) throw new InvalidArgumentError(`--input-shape must be positive integers like 28,28,1, got ${v}`);
  return dims;
};

const EPILOG = `
Exit codes: 0 done, 1 training or evaluation failed, 2 bad command line, 3 bad or missing input file, 70 internal error,
130 / 143 stopped by SIGINT (Ctrl-C) / SIGTERM (train saves the run trained so far; a second signal quits at once).
Set BACKPROP_DEBUG=1 to see stack traces.`;

function datasetOptions(cmd: Command, defaultDataset?: string): Command {
  return cmd
    .option("--dataset <name>", "mnist (embedded digits), fashion-mnist, idx:DIR or csv:FILE", defaultDataset)
    .option("--data-dir <dir>", "where the fashion-mnist IDX files are (default /usr/share/datasets/fashion-mnist)")
    .option("--label <column>", "label column of a csv:FILE data set", "label")
    .option("--limit <n>", "use at most n training and n test samples (quick runs)", positiveInt("--limit"))
    .option("--seed <n>", "seed of everything random (splits, initial weights, shuffling)", nonNegativeInt("--seed"), 1);
}

function program(io: CliIO, setCode: (c: number) => void, interrupts: Interrupts | undefined): Command {
  const prog = new Command("backprop")
    .description("Train, evaluate and use neural networks on the command line (backprop deep-learning library).")
    .option("--backend <name>", "compute backend: js (reference) or wasm (default where available)")
    .addHelpText("after", EPILOG)
    .configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s), outputError: () => undefined })
    .exitOverride()
    .hook("preAction", (cmd) => {
      const backend = cmd.opts<{ backend?: string }>().backend;
      if (backend) {
        try {
          bp.setBackend(backend);
        } catch (e) {
          throw new UsageError(`--backend: ${(e as Error).message}`);
        }
      }
    });

  datasetOptions(
    prog.command("train").description("train a model, print its test scores, save it with report.html"),
    "mnist",
  )
    .option("--model <name>", "cnn, mlp, or FILE.json (a list of layers)", "cnn")
    .option("--epochs <n>", "passes over the training data (default: cnn 6 on mnist, 12 elsewhere; mlp 10)", positiveInt("--epochs"))
    .option("--batch-size <n>", "samples per step (default 64)", positiveInt("--batch-size"))
    .option("--optimizer <name>", bp.optimizers.optimizerNames.join(", "), "adam")
    .option("--lr <rate>", "initial learning rate (default: cnn 0.01 on mnist, 0.003 elsewhere; mlp 0.001)", positiveNumber("--lr"))
    .addOption(new Option("--schedule <kind>", "learning-rate schedule").choices(["cosine", "constant"]).default("cosine"))
    .option("--validation-split <f>", "share of the training samples held out to draw validation curves", fraction("--validation-split"), 0.1)
    .option("--out <dir>", "new directory for the model and report (default ./runs/<timestamp>)")
    .option("--json", "print the results as JSON on stdout", false)
    .option("--config <file>", "replay a run exported by the playground (run.json); other options are ignored except --out and --json")
    .addHelpText("after", EPILOG)
    .action(async (o: { dataset: string; model: string; epochs?: number; batchSize?: number; optimizer: string; lr?: number; schedule: "cosine" | "constant"; validationSplit: number; seed: number; out?: string; dataDir?: string; label: string; limit?: number; json: boolean; config?: string }) => {
      if (o.config) {
        await (await import("./train-config.js")).trainConfig({ config: o.config, out: o.out, json: o.json }, io);
        setCode(EXIT.ok);
      } else setCode(await train(o, io, interrupts));
    });

  datasetOptions(prog.command("evaluate").description("score a saved model on a data set's test samples"))
    .requiredOption("--model <dir>", "a run directory from `backprop train` (or a model directory)")
    .option("--json", "print the results as JSON on stdout", false)
    .addHelpText("after", EPILOG)
    .action(async (o: { model: string; dataset?: string; dataDir?: string; label: string; limit?: number; seed: number; json: boolean }) => {
      await evaluate(o, io);
      setCode(EXIT.ok);
    });

  prog.command("predict").description("class probabilities for a PNG picture or the rows of a CSV file")
    .requiredOption("--model <dir>", "a run directory from `backprop train` (or a model directory)")
    .requiredOption("--input <file>", "a .png picture (any size, colour or grey) or a .csv file with one sample per row")
    .option("--json", "print the results as JSON on stdout", false)
    .addHelpText("after", EPILOG)
    .action(async (o: { model: string; input: string; json: boolean }) => {
      await predict(o, io);
      setCode(EXIT.ok);
    });

  prog.command("summary").description("the layers and parameter counts of a model")
    .requiredOption("--model <model>", "a saved model directory, cnn, mlp, or FILE.json")
    .option("--input-shape <dims>", "input shape for cnn / mlp / FILE.json", shape, [28, 28, 1])
    .option("--classes <n>", "output classes for cnn / mlp", classCount, 10)
    .option("--json", "print the summary as JSON on stdout", false)
    .addHelpText("after", EPILOG)
    .action(async (o: { model: string; inputShape: number[]; classes: number; json: boolean }) => {
      await summary(o, io);
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
      io.err.write(`${label}: ${e.message.replace(/^error: /, "").split("\n")[0]} (see ${label} --help)\n`);
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
  const code = await run(argv, io, new Interrupts(io.err).install());
  await new Promise<void>((resolve) => process.stdout.write("", () => resolve()));
  process.exit(code);
}
