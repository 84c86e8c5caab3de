/** BCD stores as registry hive bytes: the hive writer, BCD elements, partition device elements and the store. */
export { renderHive, type HiveKey, type HiveValue } from './hive-file.ts';
export { parsePartitionDevice, renderPartitionDevice, type BcdPartition } from './bcd-device.ts';
export { ELEMENT, elementKeyName, elementValue, type ElementValue } from './bcd-elements.ts';
export {
  BOOT_LOADER_TYPE, BOOT_MANAGER_ID, BOOT_MANAGER_TYPE, STORE_KEY_NAME, STORE_ROOT_NAME, bcdStoreTree, renderBcdStore,
  type BcdStoreSpec,
} from './bcd-store.ts';
