/**
 * The public exports of src/index.ts (namespaces such as bp.layers walked into) and the public
 * methods of its classes (bp.Tensor.toArray, bp.Sequential.fit …), with their doc comments.
 */
import ts from "typescript";

export interface PublicExport {
  /** "bp.tensor", "bp.layers.dense", "bp.Tensor.print" … */
  name: string;
  doc: string;
  /** The code of each `@example` tag. */
  examples: string[];
  file: string;
}

function docOf(symbol: ts.Symbol, checker: ts.TypeChecker): string {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return ts.displayPartsToString(target.getDocumentationComment(checker)).trim();
}

function examplesOf(symbol: ts.Symbol, checker: ts.TypeChecker): string[] {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return target
    .getJsDocTags(checker)
    .filter((t) => t.name === "example")
    .map((t) => ts.displayPartsToString(t.text).replace(/\s+$/, ""));
}

/** The compiler options of the project's tsconfig.json (strict, noUncheckedIndexedAccess, …), without emit. */
export function projectOptions(tsconfig: string): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, { noEmit: true }, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!parsed) throw new Error(`cannot read ${tsconfig}`);
  return parsed.options;
}

const defaultOptions: ts.CompilerOptions = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, noEmit: true, skipLibCheck: true };

/**
 * The methods and accessors a class declares for its users: public, not overrides (documented
 * on the base class), and not the hooks a subclass implements for the library to call (a layer's
 * `call`, a callback's `onEpochEnd` …), which the base class or interface documents.
 */
function publicMethods(cls: ts.ClassDeclaration, prefix: string, checker: ts.TypeChecker): PublicExport[] {
  const out: PublicExport[] = [];
  const names = new Set<string>();
  for (const member of cls.members) {
    if (!(ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member)) || !ts.isIdentifier(member.name)) continue;
    const flags = ts.getCombinedModifierFlags(member);
    if (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected | ts.ModifierFlags.Override | ts.ModifierFlags.Abstract)) continue;
    const name = member.name.text;
    if (names.has(name) || /^on[A-Z]/.test(name) || name === "call") continue;
    names.add(name);
    const symbol = checker.getSymbolAtLocation(member.name);
    if (!symbol) continue;
    out.push({ name: `${prefix}.${name}`, doc: docOf(symbol, checker), examples: examplesOf(symbol, checker), file: cls.getSourceFile().fileName });
  }
  return out;
}

/** The methods a class gets from an interface merged into it (`interface Tensor extends TensorMethods`: a.add(b) …). */
function mergedMethods(symbol: ts.Symbol, prefix: string, checker: ts.TypeChecker): PublicExport[] {
  const out: PublicExport[] = [];
  for (const decl of symbol.declarations ?? []) {
    if (!ts.isInterfaceDeclaration(decl)) continue;
    for (const base of (decl.heritageClauses ?? []).flatMap((h) => [...h.types])) {
      for (const p of checker.getTypeAtLocation(base).getProperties()) {
        const file = p.declarations?.[0]?.getSourceFile().fileName ?? "";
        out.push({ name: `${prefix}.${p.getName()}`, doc: docOf(p, checker), examples: examplesOf(p, checker), file });
      }
    }
  }
  return out;
}

/** Every exported name reachable from the entry point, with its doc comment ("" when it has none). */
export function publicExports(entry: string, program: ts.Program = ts.createProgram([entry], defaultOptions)): PublicExport[] {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (!source) throw new Error(`no source file ${entry}`);
  const out: PublicExport[] = [];
  const seen = new Set<ts.Symbol>();
  const visit = (moduleSymbol: ts.Symbol, prefix: string): void => {
    for (const s of checker.getExportsOfModule(moduleSymbol)) {
      const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      const decl = target.declarations?.[0];
      const name = `${prefix}.${s.getName()}`;
      // `export * as layers from "./nn/layers/index.js"`: a namespace, documented by its module comment
      if (decl && ts.isSourceFile(decl)) {
        if (!seen.has(target)) {
          seen.add(target);
          visit(target, name);
        }
        continue;
      }
      out.push({ name, doc: docOf(s, checker), examples: examplesOf(s, checker), file: decl?.getSourceFile().fileName ?? "" });
      const cls = target.declarations?.find(ts.isClassDeclaration);
      if (cls) out.push(...publicMethods(cls, name, checker), ...mergedMethods(target, name, checker));
    }
  };
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${entry} is not a module`);
  visit(moduleSymbol, "bp");
  return out;
}
