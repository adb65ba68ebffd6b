// Types of lambda-bundle.mjs for TypeScript callers (the benchmark).
import type { BuildOptions } from 'esbuild';

export declare function lambdaBundleOptions(entryFile: string, outDir: string): BuildOptions;
