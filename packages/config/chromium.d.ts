// Types of chromium.js.
export declare const CHROMIUM_ARGS: readonly string[];
export declare function chromiumLaunchOptions(extraArgs?: string[]): {
  executablePath: string;
  args: string[];
};
