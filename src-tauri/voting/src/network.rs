//! The addresses of this machine a voting server may listen on, in the order a
//! facilitator should see them: the room's private network first, loopback last.

use std::net::{IpAddr, Ipv4Addr};

use serde::Serialize;
use ts_rs::TS;

/// What kind of network an address belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AddressKind {
    /// 10/8, 172.16/12, 192.168/16: a room's Wi-Fi or a phone's hotspot.
    Private,
    /// Reachable beyond the local network: listening here needs care.
    Public,
    /// This computer only: for trying the page out and for tests.
    Loopback,
}

/// One IPv4 address of one interface.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VotingAddress {
    pub address: String,
    pub interface: String,
    pub kind: AddressKind,
}

pub fn kind_of(ip: Ipv4Addr) -> AddressKind {
    if ip.is_loopback() {
        AddressKind::Loopback
    } else if ip.is_private() {
        AddressKind::Private
    } else {
        AddressKind::Public
    }
}

/// The IPv4 addresses of the interfaces that are up. IPv6 is left out: phones in a
/// room type or scan an IPv4 link, and link-local IPv6 needs an interface scope.
pub fn addresses() -> std::io::Result<Vec<VotingAddress>> {
    let mut list: Vec<VotingAddress> = if_addrs::get_if_addrs()?
        .into_iter()
        .filter_map(|i| match i.ip() {
            IpAddr::V4(ip) if !ip.is_link_local() && !ip.is_unspecified() => Some(VotingAddress {
                address: ip.to_string(),
                kind: kind_of(ip),
                interface: i.name,
            }),
            _ => None,
        })
        .collect();
    list.sort_by(|a, b| {
        (a.kind, &a.interface, &a.address).cmp(&(b.kind, &b.interface, &b.address))
    });
    list.dedup_by(|a, b| a.address == b.address);
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_addresses_come_first_and_loopback_last() {
        assert_eq!(
            kind_of(Ipv4Addr::new(192, 168, 1, 23)),
            AddressKind::Private
        );
        assert_eq!(kind_of(Ipv4Addr::new(10, 0, 0, 2)), AddressKind::Private);
        assert_eq!(kind_of(Ipv4Addr::new(172, 20, 0, 2)), AddressKind::Private);
        assert_eq!(kind_of(Ipv4Addr::new(8, 8, 8, 8)), AddressKind::Public);
        assert_eq!(kind_of(Ipv4Addr::LOCALHOST), AddressKind::Loopback);
        assert!(AddressKind::Private < AddressKind::Public);
        assert!(AddressKind::Public < AddressKind::Loopback);
        // This machine has at least its loopback, and it is listed last.
        let list = addresses().unwrap();
        assert_eq!(list.last().map(|a| a.kind), Some(AddressKind::Loopback));
        assert!(list.windows(2).all(|w| w[0].kind <= w[1].kind));
    }
}
