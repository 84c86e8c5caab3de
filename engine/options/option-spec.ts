/**
 * The kinds of step option a manifest declares. Every option arrives as text (the `<variable>` elements of the
 * XML); its kind says how that text becomes a value and which values are refused before a run.
 */

/** What every option declares, whatever its kind. */
interface OptionBase<N extends string> {
  /** The WMI property carrying it in `defaultVarList`, e.g. `DiskIndex`. */
  name: N;
  /** One line for the option tables of docs/steps.md. */
  description: string;
  /** Refused when the step's `defaultVarList` does not carry the property at all. */
  required?: boolean;
  /** Refused when absent or empty, with the message `<name> is empty; <missing>`. */
  missing?: string;
  /** The documented variable real sequences carry it in (`OSDDiskIndex`): its name in the option tables. */
  variable?: string;
  /** When the step does not carry the property, `variable` is read instead (a global set earlier in the run). */
  fallback?: boolean;
  /** Replaces the kind's problem code (kept as the steps reported it before manifests). */
  code?: string;
}

/** A whole number (`min`..`max`); the message names `min` only when one is given. */
export interface CountOption<N extends string = string> extends OptionBase<N> {
  kind: 'count';
  min?: number;
  max?: number;
  default?: number;
}

/** `true` or `false` in any letter case; anything else is refused, unless `lenient`. */
export interface FlagOption<N extends string = string> extends OptionBase<N> {
  kind: 'flag';
  default?: boolean;
  /** Other text is not refused and reads as the default (the step, as ConfigMgr does, only looks for `true`/`false`). */
  lenient?: boolean;
}

/** One value of a fixed list, matched without regard to case and returned as the list spells it. */
export interface OneOfOption<N extends string = string, V extends string = string> extends OptionBase<N> {
  kind: 'one-of';
  values: readonly V[];
  default?: V;
}

/** Free text; `maxLength` counts characters as the format does (code points). */
export interface TextOption<N extends string = string> extends OptionBase<N> {
  kind: 'text';
  maxLength?: number;
  default?: string;
}

/** A password or key: read with its secrecy, and its variable is redacted everywhere. */
export interface SecretOption<N extends string = string> extends OptionBase<N> {
  kind: 'secret';
  /** The documented variable carrying it: secret by name for the whole run. */
  variable: string;
}

/** A package id the step takes from the Content port: the preflight refuses a run whose package is missing. */
export interface PackageOption<N extends string = string> extends OptionBase<N> {
  kind: 'package';
}

export type OptionSpec<N extends string = string> =
  | CountOption<N> | FlagOption<N> | OneOfOption<N> | TextOption<N> | SecretOption<N> | PackageOption<N>;

/** The kinds, as written in manifests and docs. */
export type OptionKind = OptionSpec['kind'];

/** The value an option of spec `S` has once read (undefined when absent, empty or refused). */
export type OptionValue<S> =
  S extends CountOption ? number
    : S extends FlagOption ? boolean
      : S extends OneOfOption<string, infer V> ? V
        : S extends SecretOption ? { text: string; secret: boolean }
          : string;

/** The typed options object of a manifest's option list: property name -> value. */
export type OptionValues<L extends readonly OptionSpec[]> = {
  [S in L[number] as S['name']]?: OptionValue<S>;
};
