/** The simulated ConfigMgr client's files in an installation: installed by Windows Setup, identity removed for capture. */
import { createHash } from 'node:crypto';

export const CLIENT_EXECUTABLE = 'Windows\\CCM\\CcmExec.exe';
/** Holds the client's unique identity; Prepare ConfigMgr Client for Capture removes it. */
export const CLIENT_IDENTITY_FILE = 'Windows\\SMSCFG.ini';

/** A stable GUID-shaped id for the client of this machine (the real one is random). */
function clientId(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex').toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The files a client installation writes: the agent's executable stand-in and the identity file. */
export function clientFiles(seed: string, installProperties: string | undefined): Record<string, string> {
  return {
    [CLIENT_EXECUTABLE]: 'simulated ConfigMgr client\r\n',
    [CLIENT_IDENTITY_FILE]: `[Configuration - Client Properties]\r\nSMS Unique Identifier=GUID:${clientId(seed)}\r\n`
      + (installProperties ? `Install Properties=${installProperties}\r\n` : ''),
  };
}
