import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The kubectl the conformance tests run (Debian's kubectl 1.32 on these machines). */
export const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';

/**
 * Whether kubectl tests can run: with CI set its absence is an error,
 * otherwise the tests are skipped with a printed reason.
 */
export function kubectlAvailable(): boolean {
  if (fs.existsSync(KUBECTL)) return true;
  if (process.env.CI) {
    throw new Error(
      `${KUBECTL} is missing; the kubectl conformance tests must run in CI`,
    );
  }
  process.stderr.write(
    `skipping kubectl conformance tests: ${KUBECTL} not found\n`,
  );
  return false;
}

/** Result of one kubectl run. */
export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A kubectl bound to one kubeconfig, with its own discovery/HTTP cache directory. */
export function kubectlFor(kubeconfig: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-sim-kubectl-'));
  const kubeconfigPath = path.join(dir, 'kubeconfig');
  fs.writeFileSync(kubeconfigPath, kubeconfig, { mode: 0o600 });
  const env = { ...process.env, KUBECONFIG: kubeconfigPath, HOME: dir };
  const baseArgs = [
    '--cache-dir',
    path.join(dir, 'cache'),
    '--request-timeout',
    '20s',
  ];
  return {
    dir,
    kubeconfigPath,
    env,
    baseArgs,
    run(args: string[], input?: string): Promise<KubectlResult> {
      return new Promise(resolve => {
        const child = execFile(
          KUBECTL,
          [...baseArgs, ...args],
          { env, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
          (error, stdout, stderr) => {
            const failure = typeof error?.code === 'number' ? error.code : 1;
            const code = error ? failure : 0;
            resolve({ code, stdout, stderr });
          },
        );
        if (input !== undefined) {
          child.stdin?.end(input);
        }
      });
    },
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
