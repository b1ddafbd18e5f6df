/**
 * miniprogram-compiler 0.2 ships no types. The official WXML and WXSS compilers (the `wcc` and
 * `wcsc` binaries in its bin/), as test/miniprogram/compile.test.ts runs them.
 */
declare module 'miniprogram-compiler' {
  interface CompilerOptions {
    /** Child-process output limit (bytes): the whole TDesign tree needs more than Node's default. */
    maxBuffer?: number;
  }
  /** Compiles WXML (paths relative to `rootPath`, with extension) into the `$gwx` function's source; throws with file, line and column on an error. */
  export function wxmlToJs(rootPath: string, options?: CompilerOptions & { wxmlList?: string[]; wxsList?: string[] }): string;
  /** Compiles WXSS into the source of a function from a file path to its CSS. */
  export function wxssToJs(rootPath: string, options?: CompilerOptions & { wxssList?: string[] }): string;
}

declare module 'miniprogram-compiler/src/wcsc' {
  /** Runs wcsc on `files` (relative to `rootPath`, without extension): each file's CSS plus `comm`, or the compiler's Error. */
  function wcsc(rootPath: string, files: string[], options?: { maxBuffer?: number }): Record<string, string> | Error;
  export = wcsc;
}
