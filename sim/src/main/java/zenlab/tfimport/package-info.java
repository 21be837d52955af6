/**
 * {@code zenlab import terraform}: a scenario from what {@code terraform show -json} prints for
 * a state or a saved plan of the ZPA provider ({@code zscaler/zpa}): its connector groups,
 * provisioning keys, server groups and application segments, linked by id, with every
 * assumption written beside the field it fills (docs/import.md).
 */
package zenlab.tfimport;
