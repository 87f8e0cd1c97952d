package dev.stockalerts.alert;

/** Which side of its level the price was last seen on; crossings are changes of side. */
public enum Side { UNKNOWN, ABOVE, BELOW }
