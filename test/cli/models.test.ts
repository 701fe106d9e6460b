/** The command line's models: built-in architectures, their recipes per data set, layer files. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { buildModel, recipeFor, RECIPES } from "../../src/cli/models.js";
import { tmp } from "./helpers.js";

describe("recipes", () => {
  test("the cnn's MNIST recipe is kept for the embedded digits only", () => {
    expect(recipeFor("cnn", "mnist")).toBe(RECIPES.cnn);
    expect(recipeFor("cnn", "fashion-mnist")).not.toEqual(RECIPES.cnn);
    expect(recipeFor("mlp", "fashion-mnist")).toBe(RECIPES.mlp);
  });

  test("built-in models carry the recipe of their data set", async () => {
    expect((await buildModel("cnn", [28, 28, 1], 10, "fashion-mnist")).recipe).toEqual(recipeFor("cnn", "fashion-mnist"));
  });

  test("a layer file may set its own epochs, batch size and learning rate", async () => {
    const file = join(tmp("bp-models-"), "m.json");
    writeFileSync(file, JSON.stringify({ layers: [{ type: "flatten" }, { className: "Dense", config: { units: 10, activation: "softmax" } }], epochs: 3, learningRate: 0.05 }));
    const { model, recipe } = await buildModel(file, [28, 28, 1], 10);
    expect(model.countParams()).toBe(7850);
    expect(recipe).toMatchObject({ epochs: 3, learningRate: 0.05, batchSize: 64 });
  });
});
