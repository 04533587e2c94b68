/**
 * Entry point of the child process that runs one measured check. The parent sends a `CheckJob`
 * over IPC and receives the `CheckMeasurement`; the process then ends on its own.
 */
import { type CheckJob, runCheckJob } from './checkJob';

process.once('message', (job: CheckJob) => {
  runCheckJob(job)
    .then((measurement) => process.send?.(measurement, () => process.disconnect()))
    .catch((error: unknown) => {
      process.stderr.write(
        `Measured check failed: ${error instanceof Error ? error.stack : String(error)}\n`,
      );
      process.exitCode = 1;
      process.disconnect();
    });
});
