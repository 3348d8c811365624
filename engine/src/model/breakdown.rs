//! Monthly costs split into the parts the breakdown chart shows. Steady state: the
//! one-off setup is not a monthly cost (`SelfModel::setup_total`, shown apart).

/// Monthly costs of one replica (or of the whole option, for `fixed_*`), split the way
/// the breakdown chart shows them.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Breakdown {
    pub gpu_time: f64,
    pub overhead: f64,
    pub power: f64,
    pub hardware: f64,
    pub facility: f64,
    pub people_maintenance: f64,
    pub people_upgrades: f64,
    pub api_input: f64,
    pub api_output: f64,
}

impl Breakdown {
    pub fn total(&self) -> f64 {
        self.gpu_time
            + self.overhead
            + self.power
            + self.hardware
            + self.facility
            + self.people_maintenance
            + self.people_upgrades
            + self.api_input
            + self.api_output
    }
    pub fn scaled(&self, k: f64) -> Breakdown {
        Breakdown {
            gpu_time: self.gpu_time * k,
            overhead: self.overhead * k,
            power: self.power * k,
            hardware: self.hardware * k,
            facility: self.facility * k,
            people_maintenance: self.people_maintenance * k,
            people_upgrades: self.people_upgrades * k,
            api_input: self.api_input * k,
            api_output: self.api_output * k,
        }
    }
    pub fn plus(&self, o: &Breakdown) -> Breakdown {
        Breakdown {
            gpu_time: self.gpu_time + o.gpu_time,
            overhead: self.overhead + o.overhead,
            power: self.power + o.power,
            hardware: self.hardware + o.hardware,
            facility: self.facility + o.facility,
            people_maintenance: self.people_maintenance + o.people_maintenance,
            people_upgrades: self.people_upgrades + o.people_upgrades,
            api_input: self.api_input + o.api_input,
            api_output: self.api_output + o.api_output,
        }
    }
}
