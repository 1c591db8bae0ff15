/** The action's entry point (`dist/index.js`): a thin shell around `github/run-action.ts`. */
import { runAction } from "./github/run-action.js";

await runAction();
