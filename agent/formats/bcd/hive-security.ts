/**
 * The security descriptor every key of a written hive carries: owned by the Administrators group, with full control
 * for SYSTEM and Administrators, inherited by subkeys. A self-relative SECURITY_DESCRIPTOR with one DACL.
 */

const SE_DACL_PRESENT = 0x0004;
const SE_SELF_RELATIVE = 0x8000;
const ACCESS_ALLOWED_ACE_TYPE = 0;
const CONTAINER_INHERIT_ACE = 0x02;
/** KEY_ALL_ACCESS. */
const KEY_ALL_ACCESS = 0x000f003f;
const NT_AUTHORITY = 5;

/** A SID of the NT authority: revision 1, the 6-byte authority big-endian, then the sub-authorities. */
export function ntSid(...subAuthorities: number[]): Buffer {
  const sid = Buffer.alloc(8 + 4 * subAuthorities.length);
  sid[0] = 1;
  sid[1] = subAuthorities.length;
  sid[7] = NT_AUTHORITY;
  subAuthorities.forEach((s, i) => sid.writeUInt32LE(s, 8 + 4 * i));
  return sid;
}

/** S-1-5-18 */
export const LOCAL_SYSTEM = ntSid(18);
/** S-1-5-32-544 */
export const ADMINISTRATORS = ntSid(32, 544);

function allowAce(sid: Buffer): Buffer {
  const ace = Buffer.alloc(8 + sid.length);
  ace[0] = ACCESS_ALLOWED_ACE_TYPE;
  ace[1] = CONTAINER_INHERIT_ACE;
  ace.writeUInt16LE(ace.length, 2);
  ace.writeUInt32LE(KEY_ALL_ACCESS, 4);
  sid.copy(ace, 8);
  return ace;
}

function acl(aces: Buffer[]): Buffer {
  const header = Buffer.alloc(8);
  const size = 8 + aces.reduce((n, a) => n + a.length, 0);
  header[0] = 2;
  header.writeUInt16LE(size, 2);
  header.writeUInt16LE(aces.length, 4);
  return Buffer.concat([header, ...aces]);
}

/** The self-relative descriptor: header, DACL, owner SID, group SID. */
export function registryKeyDescriptor(): Buffer {
  const dacl = acl([allowAce(LOCAL_SYSTEM), allowAce(ADMINISTRATORS)]);
  const header = Buffer.alloc(20);
  header[0] = 1;
  header.writeUInt16LE(SE_SELF_RELATIVE | SE_DACL_PRESENT, 2);
  const daclAt = header.length;
  const ownerAt = daclAt + dacl.length;
  const groupAt = ownerAt + ADMINISTRATORS.length;
  header.writeUInt32LE(ownerAt, 4);
  header.writeUInt32LE(groupAt, 8);
  header.writeUInt32LE(0, 12);
  header.writeUInt32LE(daclAt, 16);
  return Buffer.concat([header, dacl, ADMINISTRATORS, LOCAL_SYSTEM]);
}
