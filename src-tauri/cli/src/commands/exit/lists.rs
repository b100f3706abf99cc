//! `prisk exit data|asset|alternative|link`: what happens to data and assets, the
//! alternatives, and the risks and requirements the plan is linked to.

use partner_risk_core::exit::AlternativeReadiness;
use partner_risk_core::{Error, Result, Store};

use super::options::{
    boolean, days_or_none, enum_or_none, flag_error,
};

use super::args::{AlternativeArgs, AlternativeCmd, AssetArgs, AssetCmd, DataArgs, DataCmd, LinkArgs};
use super::{change, position, required};

pub(super) fn data(store: &mut Store, cmd: DataCmd) -> Result<()> {
    use partner_risk_core::exit::{DataDisposition, DataSet, Payer};
    let apply = |d: &mut DataSet, a: DataArgs| -> Result<()> {
        if let Some(v) = a.name {
            d.name = v;
        }
        if let Some(v) = a.personal {
            d.personal_data = boolean(&v, "--personal")?;
        }
        if let Some(v) = a.disposition {
            d.disposition = enum_or_none(&v, |t| {
                DataDisposition::parse(&t.replace('-', "_"), "--disposition")
            })?;
        }
        if let Some(v) = a.format {
            d.format = v;
        }
        if let Some(v) = a.window_days {
            d.window_days = days_or_none(&v, "--window-days")?;
        }
        if let Some(v) = a.paid_by {
            d.paid_by = enum_or_none(&v, |t| Payer::parse(t, "--paid-by"))?;
        }
        if let Some(v) = a.deletion_evidence {
            d.deletion_evidence = boolean(&v, "--deletion-evidence")?;
        }
        Ok(())
    };
    match cmd {
        DataCmd::Add {
            partnership,
            fields,
        } => {
            let name = required(fields.name.clone(), "--name")?;
            change(store, &partnership, |plan| {
                let mut d = DataSet {
                    id: String::new(),
                    name: String::new(),
                    personal_data: false,
                    disposition: None,
                    format: String::new(),
                    window_days: None,
                    paid_by: None,
                    deletion_evidence: false,
                };
                apply(&mut d, fields)?;
                plan.data_sets.push(d);
                Ok(())
            })?;
            outln!("added data set {name:?}");
        }
        DataCmd::Set {
            partnership,
            item,
            fields,
        } => {
            change(store, &partnership, |plan| {
                let names = plan.data_sets.iter().map(|d| d.name.as_str());
                let n = position(names, &item, "data set", "DATA SET")?;
                apply(&mut plan.data_sets[n], fields)
            })?;
            outln!("updated data set {item:?}");
        }
        DataCmd::Remove { partnership, item } => {
            change(store, &partnership, |plan| {
                let names = plan.data_sets.iter().map(|d| d.name.as_str());
                let n = position(names, &item, "data set", "DATA SET")?;
                plan.data_sets.remove(n);
                Ok(())
            })?;
            outln!("removed data set {item:?}");
        }
    }
    Ok(())
}

pub(super) fn asset(store: &mut Store, cmd: AssetCmd) -> Result<()> {
    use partner_risk_core::exit::{Asset, AssetDisposition};
    let apply = |x: &mut Asset, a: AssetArgs| -> Result<()> {
        if let Some(v) = a.name {
            x.name = v;
        }
        if let Some(v) = a.kind {
            x.kind = v;
        }
        if let Some(v) = a.disposition {
            x.disposition = enum_or_none(&v, |t| {
                AssetDisposition::parse(&t.replace('-', "_"), "--disposition")
            })?;
        }
        if let Some(v) = a.notes {
            x.notes = v;
        }
        Ok(())
    };
    match cmd {
        AssetCmd::Add {
            partnership,
            fields,
        } => {
            let name = required(fields.name.clone(), "--name")?;
            let kind = fields.kind.ok_or_else(|| {
                Error::invalid("--kind", "", "must be given (code, model, data, …)")
            })?;
            change(store, &partnership, |plan| {
                let mut x = Asset {
                    id: String::new(),
                    name: String::new(),
                    kind,
                    disposition: None,
                    notes: String::new(),
                };
                apply(&mut x, fields)?;
                plan.assets.push(x);
                Ok(())
            })?;
            outln!("added asset {name:?}");
        }
        AssetCmd::Set {
            partnership,
            item,
            fields,
        } => {
            change(store, &partnership, |plan| {
                let names = plan.assets.iter().map(|d| d.name.as_str());
                let n = position(names, &item, "asset", "ASSET")?;
                apply(&mut plan.assets[n], fields)
            })?;
            outln!("updated asset {item:?}");
        }
        AssetCmd::Remove { partnership, item } => {
            change(store, &partnership, |plan| {
                let names = plan.assets.iter().map(|d| d.name.as_str());
                let n = position(names, &item, "asset", "ASSET")?;
                plan.assets.remove(n);
                Ok(())
            })?;
            outln!("removed asset {item:?}");
        }
    }
    Ok(())
}

pub(super) fn alternative(store: &mut Store, cmd: AlternativeCmd) -> Result<()> {
    use partner_risk_core::exit::Alternative;
    let apply = |x: &mut Alternative, a: AlternativeArgs| {
        if let Some(v) = a.name {
            x.name = v;
        }
        if let Some(v) = a.kind {
            x.kind = v;
        }
        if let Some(v) = a.readiness {
            x.readiness = v;
        }
        if let Some(v) = a.notes {
            x.notes = v;
        }
    };
    match cmd {
        AlternativeCmd::Add {
            partnership,
            fields,
        } => {
            let name = required(fields.name.clone(), "--name")?;
            let kind = fields.kind.ok_or_else(|| {
                Error::invalid("--kind", "", "must be given: provider or in_house")
            })?;
            change(store, &partnership, |plan| {
                let mut x = Alternative {
                    id: String::new(),
                    name: String::new(),
                    kind,
                    readiness: AlternativeReadiness::Identified,
                    notes: String::new(),
                };
                apply(&mut x, fields);
                plan.alternatives.push(x);
                Ok(())
            })?;
            outln!("added alternative {name:?}");
        }
        AlternativeCmd::Set {
            partnership,
            item,
            fields,
        } => {
            change(store, &partnership, |plan| {
                let names = plan.alternatives.iter().map(|d| d.name.as_str());
                let n = position(names, &item, "alternative", "ALTERNATIVE")?;
                apply(&mut plan.alternatives[n], fields);
                Ok(())
            })?;
            outln!("updated alternative {item:?}");
        }
        AlternativeCmd::Remove { partnership, item } => {
            change(store, &partnership, |plan| {
                let names = plan.alternatives.iter().map(|d| d.name.as_str());
                let n = position(names, &item, "alternative", "ALTERNATIVE")?;
                plan.alternatives.remove(n);
                Ok(())
            })?;
            outln!("removed alternative {item:?}");
        }
    }
    Ok(())
}

pub(super) fn link(store: &mut Store, a: LinkArgs, linked: bool) -> Result<()> {
    let p = store.find_partnership(&a.partnership)?;
    if a.risks.is_empty() && a.requirements.is_empty() {
        return Err(Error::invalid(
            "--risk",
            "",
            "name at least one --risk or --requirement",
        ));
    }
    let risks = a
        .risks
        .iter()
        .map(|key| match store.find_risk(&p.id, key) {
            Ok(r) => Ok(r.id),
            Err(Error::NotFound { .. }) => Err(Error::not_found("risk", "--risk", key)),
            Err(e) => Err(e),
        })
        .collect::<Result<Vec<_>>>()?;
    let all = store.requirements(&p.id)?;
    let requirements = a
        .requirements
        .iter()
        .map(|key| {
            all.iter()
                .find(|q| q.id == *key || q.fields.code.eq_ignore_ascii_case(key.trim()))
                .map(|q| q.id.clone())
                .ok_or_else(|| Error::not_found("requirement", "--requirement", key))
        })
        .collect::<Result<Vec<_>>>()?;
    store
        .change_exit_plan(&p.id, |plan| {
            for (list, ids) in [
                (&mut plan.risk_ids, risks),
                (&mut plan.requirement_ids, requirements),
            ] {
                for id in ids {
                    let at = list.iter().position(|x| *x == id);
                    match (at, linked) {
                        (None, true) => list.push(id),
                        (Some(n), false) => {
                            list.remove(n);
                        }
                        _ => {}
                    }
                }
            }
            Ok(())
        })
        .map_err(|e| flag_error(e, &[]))?;
    outln!(
        "{} the exit plan of {:?}",
        if linked { "linked to" } else { "unlinked from" },
        p.fields.name
    );
    Ok(())
}
