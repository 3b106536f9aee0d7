package com.acme.shop.shipping;

import com.acme.shop.orders.OrderCancelled;
import com.acme.shop.orders.OrderPlaced;
import com.google.common.eventbus.*;
import java.util.List;

/** Books a courier for each order. (This file is indented with tabs.) */
public class ShippingListener {

	private final List<String> log;

	public ShippingListener(List<String> log) {
		this.log = log;
	}

	@Subscribe
	public void onOrderPlaced(OrderPlaced order) {
		log.add("ShippingListener got OrderPlaced#" + order.orderId() + " for " + order.customer());
	}

	// Cancellations are handled in the courier's portal until it gets an API.
	/* @Subscribe */
	public void onOrderCancelled(OrderCancelled cancelled) {}
}
