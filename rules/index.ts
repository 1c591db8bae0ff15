/** Every rule, in id order. */
import type { Rule } from "./rule.js";
import { SMBT000 } from "./SMBT000.js";
import { SMBT001 } from "./SMBT001.js";
import { SMBT002 } from "./SMBT002.js";
import { SMBT003 } from "./SMBT003.js";
import { SMBT004 } from "./SMBT004.js";
import { SMBT005 } from "./SMBT005.js";
import { SMBT006 } from "./SMBT006.js";
import { SMBT007 } from "./SMBT007.js";
import { SMBT008 } from "./SMBT008.js";
import { SMBT009 } from "./SMBT009.js";
import { SMBT010 } from "./SMBT010.js";
import { SMBT011 } from "./SMBT011.js";
import { SMBT012 } from "./SMBT012.js";
import { SMBT013 } from "./SMBT013.js";
import { SMBT014 } from "./SMBT014.js";
import { SMBT015 } from "./SMBT015.js";
import { SMBT016 } from "./SMBT016.js";
import { SMBT017 } from "./SMBT017.js";
import { SMBT018 } from "./SMBT018.js";
import { SMBT019 } from "./SMBT019.js";
import { SMBT020 } from "./SMBT020.js";

export const RULES: readonly Rule[] = [
  SMBT000,
  SMBT001,
  SMBT002,
  SMBT003,
  SMBT004,
  SMBT005,
  SMBT006,
  SMBT007,
  SMBT008,
  SMBT009,
  SMBT010,
  SMBT011,
  SMBT012,
  SMBT013,
  SMBT014,
  SMBT015,
  SMBT016,
  SMBT017,
  SMBT018,
  SMBT019,
  SMBT020,
];

export const ruleById = (id: string): Rule | undefined => RULES.find((rule) => rule.id === id);
