package io.aihelpdesk.tools.inventory;

/** A virtual machine or host in the inventory. */
public record Vm(String id, String name, String host) {
}
